"""The site-wide layer: home and standard pages, navigation, base templates, health checks, demo data."""
