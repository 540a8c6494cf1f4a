UNWIND $users AS u
MATCH (b:BreakGlass {userId: u.user})
WHERE b.grantedAt <= u.last AND u.first < b.expiresAt
RETURN collect([u.user, b.grantedAt, b.expiresAt]) AS grants
