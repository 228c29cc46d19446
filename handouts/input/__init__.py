"""Reading the user's files: safe reads, YAML with line marks, the validated models, options."""
