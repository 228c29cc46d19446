"""The PDF engines (handout, poster), their styles and flowables, and the print file."""
