"""The placements app's part of the authorization world."""

from . import authz_world as w  # noqa: F401
