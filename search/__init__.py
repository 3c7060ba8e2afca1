"""Site search: one interface with a database backend and an Elasticsearch backend."""
