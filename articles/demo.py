def seed_articles() -> int:
    return 0
