¶.gΖPΕG:‚V¶==ωFj“†±sΆSdWBVσο%χIν…λWp}Ξ
°Φx.eTxw©Μs[ΰΫ