"""One module per wizard step; `PAGE_TYPES` lists them in the order of `forms.flow.STEPS`."""
