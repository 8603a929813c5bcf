"""STAGE 2: the route table, queries and page assembly; the only stage that runs SQL."""
