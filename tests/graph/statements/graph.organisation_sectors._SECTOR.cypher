MATCH (o:Organisation {id: $id}) RETURN o.sector AS sector
