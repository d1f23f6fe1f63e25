package perf

import "testing"

func TestConsumedReadsOneOrAList(t *testing.T) {
	for _, c := range []struct {
		name, answer string
		reads        bool
		read, write  float64
		reported     bool
	}{
		{"get", `{"Item":{},"ConsumedCapacity":{"TableName":"portal","CapacityUnits":1.5}}`, true, 1.5, 0, true},
		{"put", `{"ConsumedCapacity":{"TableName":"portal","CapacityUnits":2}}`, false, 0, 2, true},
		{"split", `{"ConsumedCapacity":{"CapacityUnits":3,"ReadCapacityUnits":1,"WriteCapacityUnits":2}}`, false, 1, 2, true},
		{"transaction", `{"ConsumedCapacity":[{"TableName":"a","CapacityUnits":4},{"TableName":"b","CapacityUnits":6}]}`, false, 0, 10, true},
		{"none", `{"Item":{}}`, true, 0, 0, false},
		{"not json", `<html>`, true, 0, 0, false},
	} {
		r, w, ok := consumed([]byte(c.answer), c.reads)
		if r != c.read || w != c.write || ok != c.reported {
			t.Errorf("%s: %v read, %v write, reported %v; want %v, %v, %v", c.name, r, w, ok, c.read, c.write, c.reported)
		}
	}
}

func TestUsagePer(t *testing.T) {
	u := Usage{Calls: 30, ReadUnits: 45, WriteUnits: 15, Reported: 30}.per(10)
	if u.Calls != 3 || u.ReadUnits != 4.5 || u.WriteUnits != 1.5 || u.Reported != 3 {
		t.Errorf("got %+v", u)
	}
}
