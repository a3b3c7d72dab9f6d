"""Text rules that need no Qt: Khmer line breaking, word lists, syllables, digits and balanced lines."""
