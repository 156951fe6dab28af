"""The Carers Action Plan: its priority areas as data, the tracker (actions, versions, progress updates) with its
public pages and Atom feeds, the plan editor for staff, and "You said, we did"."""
