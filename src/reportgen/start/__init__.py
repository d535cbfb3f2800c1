"""Starting a YAML file: a commented skeleton of a kind (skeleton.py), or next year's file rolled
forward from this year's (rollover.py); ``reportgen new``."""
