"""The screens of the resident's touchscreen, one module per step of a flow."""
