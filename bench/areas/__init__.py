"""One module per benchmark area; see bench/__main__.py for the registry."""
