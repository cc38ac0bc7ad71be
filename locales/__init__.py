"""gettext catalogs (de, ro, en) for every user-facing message."""
