"""Sub-commands, one module per area of the console; each has `register(subparsers)`."""
