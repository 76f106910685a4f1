package corpus

import (
	"strings"

	"tiaowen/internal/hanconv"
)

// TitleAsides gives, for each of docs, what tells it apart where pages
// list documents by title alone — a site's compare chooser, its lists of
// pairs, a pair page's heading, a search hit — and "" when no other
// document has its title (in either script). Policy titles repeat: a
// 征求意见稿 and its final text, one plan's editions, two cities'
// 实施方案. A document's aside is its issuer, date and status, each when
// the documents of its title differ in it and it has one, and its id
// when those leave it nothing or the same as another's.
func TitleAsides(docs []*Document) []string {
	byTitle := map[string][]int{}
	for i, d := range docs {
		k := hanconv.Simplify(d.Title)
		byTitle[k] = append(byTitle[k], i)
	}
	fields := []func(*Document) string{
		func(d *Document) string { return d.Issuer },
		func(d *Document) string { return d.Date },
		func(d *Document) string { return d.Status },
	}
	asides := make([]string, len(docs))
	for _, group := range byTitle {
		if len(group) < 2 {
			continue
		}
		parts := make([][]string, len(group))
		for _, field := range fields {
			if !differ(docs, group, field) {
				continue
			}
			for k, i := range group {
				if v := field(docs[i]); v != "" {
					parts[k] = append(parts[k], v)
				}
			}
		}
		seen := map[string]int{}
		for k, i := range group {
			asides[i] = strings.Join(parts[k], " · ")
			seen[asides[i]]++
		}
		for k, i := range group {
			if asides[i] == "" || seen[asides[i]] > 1 {
				asides[i] = strings.Join(append(parts[k], docs[i].ID), " · ")
			}
		}
	}
	return asides
}

// differ reports whether the documents of group differ in field.
func differ(docs []*Document, group []int, field func(*Document) string) bool {
	for _, i := range group[1:] {
		if field(docs[i]) != field(docs[group[0]]) {
			return true
		}
	}
	return false
}
