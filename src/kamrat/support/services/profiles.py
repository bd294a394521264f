from django.db import transaction

from ..models import SupporterProfile


@transaction.atomic
def supporter_profile_update(
    *,
    profile: SupporterProfile,
    capacity: int,
    accepting_new: bool,
    languages: list[str],
    modes: list[str],
) -> SupporterProfile:
    """A peer supporter sets their own cap and can pause new matches for themself."""
    profile.capacity = capacity
    profile.accepting_new = accepting_new
    profile.languages = languages
    profile.modes = modes
    profile.full_clean()
    profile.save(update_fields=["capacity", "accepting_new", "languages", "modes"])
    return profile
