MATCH (n:Notification {audience: 'ig_officer'})-[:ABOUT]->(:BreakGlass) RETURN count(n) AS n
