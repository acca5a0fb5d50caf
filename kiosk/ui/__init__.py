"""The resident's touchscreen."""
