"""Partner lists: the upload mutation and the upload reports (graph.uploads, intake)."""
