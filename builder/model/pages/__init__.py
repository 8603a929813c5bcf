"""One module per page kind: its tables and charts declared as specs, its facts, and its caption rules."""
