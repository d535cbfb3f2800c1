"""Rules of Chinese official text: numbering, punctuation, dates and the house wording."""
