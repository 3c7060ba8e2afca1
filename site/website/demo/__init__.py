"""Demo content for ``manage.py load_demo``: the site shell in Russian and English."""
