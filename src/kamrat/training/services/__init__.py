"""Writes for the basic training; one module per part of it."""
