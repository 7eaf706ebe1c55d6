"""The teaching kit: case exercises checked against their guide (cases) and the kit's pages: overview,
exercises, handouts, booklet (kit)."""
