MATCH (o:Organisation {id: $id})
SET o.signedAgreement = true, o.agreementKind = $kind, o.agreementVersion = $version,
    o.agreementSignedOn = $signedOn
