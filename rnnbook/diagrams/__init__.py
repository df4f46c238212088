"""Cell diagrams drawn with matplotlib, labelled with the book's symbols (one module per cell)."""
