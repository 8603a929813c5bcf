"""Developer preview: a live-reloading server over a build that keeps its model in memory."""
