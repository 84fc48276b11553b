"""``qsync lint``: rules over the page model, an engine that runs them, and fixes."""
