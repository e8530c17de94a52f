package linearizable

import "github.com/anishathalye/porcupine"

// PartitionBy returns a porcupine Partition function that splits a
// history by key (for a map: one partition per key), keeping each
// partition in history order and the partitions in order of first use.
// Checking partitions apart is what keeps porcupine fast on maps.
func PartitionBy(key func(porcupine.Operation) string) func([]porcupine.Operation) [][]porcupine.Operation {
	return func(h []porcupine.Operation) [][]porcupine.Operation {
		index := map[string]int{}
		var parts [][]porcupine.Operation
		for _, op := range h {
			k := key(op)
			i, ok := index[k]
			if !ok {
				i = len(parts)
				index[k] = i
				parts = append(parts, nil)
			}
			parts[i] = append(parts[i], op)
		}
		return parts
	}
}
