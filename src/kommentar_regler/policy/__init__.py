"""Policy profiles: the file format, loading, checks, plans of actions and deadlines."""
