"""The visitor log in the running kiosk: visits fed from input and pages, and its staff screens."""
