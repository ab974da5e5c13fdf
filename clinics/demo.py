"""Fictional demo data. Every clinic is sample data: 916-555-01xx phones, example.org sites."""


def seed_clinics() -> int:
    """Create or update the demo clinics; returns how many exist."""
    return 0


def seed_accounts() -> list[tuple[str, str, str, str]]:
    """Create demo accounts per role; returns (role, username, password, note) for new ones."""
    return []
