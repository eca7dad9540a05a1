"""Pure figure builders: data in, Plotly figure (a plain dict) out; no Dash, no queries."""
