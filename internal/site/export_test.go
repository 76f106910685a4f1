package site

// What the tests of package site_test share with package site's own.
var (
	SetTerms    = setTerms
	SeedTerms   = seedTerms
	WithSetting = withSetting
)
