"""Fictional demo clinics. Every one is sample data: 916-555-01xx phones, example.org sites."""


def seed_clinics() -> int:
    """Create or update the demo clinics; returns how many exist."""
    return 0
