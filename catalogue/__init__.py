"""The trainer catalogue: taxonomy, trainer description pages, the listing and its API."""
