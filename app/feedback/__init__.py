"""“Was this page useful?”: a yes/no answer and an optional comment at the foot of every content page."""
