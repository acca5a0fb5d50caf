"""Storage: SQLAlchemy models, repositories, the unit of work, engine set-up, migrations."""
