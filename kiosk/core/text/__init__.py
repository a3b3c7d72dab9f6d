"""Text rules that need no Qt: Khmer line breaking."""
