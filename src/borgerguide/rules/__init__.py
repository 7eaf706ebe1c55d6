"""The rules: read data/rules.yml with line numbers (load), check its shape and meaning (checks/), the typed model
with its tree walks (model), and the readable list of every path (golden)."""
