"""Reading input: YAML text with the place of every value, defaults merged under it, figures sheets."""
