package align

import (
	"math"
	"slices"
)

// matched is the counterpart chosen for one section of document a: an
// index into b's sections, or -1, and the pair's score.
type matched struct {
	b     int
	score float64
}

// matching chooses, among candidate edges, a one-to-one pairing of a's na
// sections with b's nb sections of the greatest total weight. The
// candidate graph is sparse: it is split into connected components, and
// each is solved exactly on its own with the Hungarian method, so the cost
// is that of the largest component, not of the whole documents.
//
// Scores are compared as integers (millionths), so that the choice is
// exact and the same on every machine; equal totals are resolved the same
// way every time, by the order of the sections.
func matching(na, nb int, edges []edge) []matched {
	out := make([]matched, na)
	for i := range out {
		out[i].b = -1
	}
	if len(edges) == 0 {
		return out
	}
	// Union-find over a's sections (0…na-1) and b's (na…na+nb-1).
	parent := make([]int, na+nb)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, e := range edges {
		ra, rb := find(e.a), find(na+e.b)
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	// Components in order of their first edge, their edges in the order
	// given; edges are sorted by a, then b, so rows and columns come out
	// in document order. The edges are grouped by component with a
	// counting sort: a map of components and slices for each cost more
	// than solving them, most being a single edge.
	compOf := make([]int32, na+nb) // by root: 1 + the component's number
	edgeComp := make([]int32, len(edges))
	var start []int // by component: its size, then where its edges start
	for k, e := range edges {
		r := find(e.a)
		if compOf[r] == 0 {
			start = append(start, 0)
			compOf[r] = int32(len(start))
		}
		edgeComp[k] = compOf[r] - 1
		start[edgeComp[k]]++
	}
	ncomp, sum := len(start), 0
	for c, n := range start {
		start[c], sum = sum, sum+n
	}
	start = append(start, sum)
	next := slices.Clone(start)
	grouped := make([]edge, len(edges))
	for k, e := range edges {
		c := edgeComp[k]
		grouped[next[c]] = e
		next[c]++
	}
	inRow := make([]bool, na)
	inCol := make([]bool, nb)
	rowAt := make([]int, na)
	colAt := make([]int, nb)
	var rows, cols []int
	for c := range ncomp {
		es := grouped[start[c]:start[c+1]]
		if len(es) == 1 {
			e := es[0]
			out[e.a] = matched{e.b, e.score}
			continue
		}
		rows, cols = rows[:0], cols[:0]
		for _, e := range es {
			if !inRow[e.a] {
				inRow[e.a] = true
				rows = append(rows, e.a)
			}
			if !inCol[e.b] {
				inCol[e.b] = true
				cols = append(cols, e.b)
			}
		}
		slices.Sort(cols)
		for i, r := range rows {
			rowAt[r] = i
		}
		for j, c := range cols {
			colAt[c] = j
		}
		solveComponent(rows, cols, rowAt, colAt, es, out)
	}
	return out
}

// solveComponent assigns one component's rows to columns by the Hungarian
// method on the dense weight matrix, where a missing edge weighs 0 and an
// assignment of weight 0 means unmatched. rowAt and colAt give the place
// of each of its sections among rows and cols.
func solveComponent(rows, cols, rowAt, colAt []int, edges []edge, out []matched) {
	n, m := len(rows), len(cols)
	transpose := n > m
	if transpose {
		n, m = m, n
	}
	w := make([][]int64, n)
	score := make([][]float64, n)
	wAll, scoreAll := make([]int64, n*m), make([]float64, n*m)
	for i := range w {
		w[i] = wAll[i*m : (i+1)*m]
		score[i] = scoreAll[i*m : (i+1)*m]
	}
	for _, e := range edges {
		i, j := rowAt[e.a], colAt[e.b]
		if transpose {
			i, j = j, i
		}
		w[i][j] = weight(e.score)
		score[i][j] = e.score
	}
	for i, j := range hungarian(w) {
		if j < 0 || w[i][j] == 0 {
			continue
		}
		r, c := i, j
		if transpose {
			r, c = j, i
		}
		out[rows[r]] = matched{cols[c], score[i][j]}
	}
}

// weight is a score as an integer weight for the matching.
func weight(score float64) int64 {
	return int64(math.Round(score * 1e6))
}

// hungarian solves the assignment problem for an n×m matrix of weights,
// n ≤ m, maximising the total weight; it returns the column assigned to
// each row. It is the O(n²m) shortest-augmenting-path form of the
// Hungarian method (Kuhn–Munkres) with potentials, on costs -w.
func hungarian(w [][]int64) []int {
	n := len(w)
	if n == 0 {
		return nil
	}
	m := len(w[0])
	const inf = math.MaxInt64 / 4
	u := make([]int64, n+1)
	v := make([]int64, m+1)
	p := make([]int, m+1) // p[j]: the row (1-based) assigned to column j
	way := make([]int, m+1)
	minv := make([]int64, m+1)
	used := make([]bool, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j] = inf
			used[j] = false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], int64(inf), 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				if cur := -w[i0-1][j-1] - u[i0] - v[j]; cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	out := make([]int, n)
	for i := range out {
		out[i] = -1
	}
	for j := 1; j <= m; j++ {
		if p[j] != 0 {
			out[p[j]-1] = j - 1
		}
	}
	return out
}
