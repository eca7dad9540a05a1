"""One module per URL."""
