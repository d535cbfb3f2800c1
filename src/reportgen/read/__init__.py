"""Reading input: YAML text with each value's place, defaults merged under it, figure sheets."""
