"""Pages; see urls.py."""
