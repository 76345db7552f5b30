package citation

// An ItemType is a CSL 1.0.2 item type, such as "article-journal". The zero
// value means the type is unknown; exporters write it as [TypeDocument].
type ItemType string

// The CSL 1.0.2 item types.
const (
	TypeArticle               ItemType = "article"
	TypeArticleJournal        ItemType = "article-journal"
	TypeArticleMagazine       ItemType = "article-magazine"
	TypeArticleNewspaper      ItemType = "article-newspaper"
	TypeBill                  ItemType = "bill"
	TypeBook                  ItemType = "book"
	TypeBroadcast             ItemType = "broadcast"
	TypeChapter               ItemType = "chapter"
	TypeClassic               ItemType = "classic"
	TypeCollection            ItemType = "collection"
	TypeDataset               ItemType = "dataset"
	TypeDocument              ItemType = "document"
	TypeEntry                 ItemType = "entry"
	TypeEntryDictionary       ItemType = "entry-dictionary"
	TypeEntryEncyclopedia     ItemType = "entry-encyclopedia"
	TypeEvent                 ItemType = "event"
	TypeFigure                ItemType = "figure"
	TypeGraphic               ItemType = "graphic"
	TypeHearing               ItemType = "hearing"
	TypeInterview             ItemType = "interview"
	TypeLegalCase             ItemType = "legal_case"
	TypeLegislation           ItemType = "legislation"
	TypeManuscript            ItemType = "manuscript"
	TypeMap                   ItemType = "map"
	TypeMotionPicture         ItemType = "motion_picture"
	TypeMusicalScore          ItemType = "musical_score"
	TypePamphlet              ItemType = "pamphlet"
	TypePaperConference       ItemType = "paper-conference"
	TypePatent                ItemType = "patent"
	TypePerformance           ItemType = "performance"
	TypePeriodical            ItemType = "periodical"
	TypePersonalCommunication ItemType = "personal_communication"
	TypePost                  ItemType = "post"
	TypePostWeblog            ItemType = "post-weblog"
	TypeRegulation            ItemType = "regulation"
	TypeReport                ItemType = "report"
	TypeReview                ItemType = "review"
	TypeReviewBook            ItemType = "review-book"
	TypeSoftware              ItemType = "software"
	TypeSong                  ItemType = "song"
	TypeSpeech                ItemType = "speech"
	TypeStandard              ItemType = "standard"
	TypeThesis                ItemType = "thesis"
	TypeTreaty                ItemType = "treaty"
	TypeWebpage               ItemType = "webpage"
)

// ItemTypes returns the CSL 1.0.2 item types in alphabetical order.
func ItemTypes() []ItemType {
	return []ItemType{
		TypeArticle,
		TypeArticleJournal,
		TypeArticleMagazine,
		TypeArticleNewspaper,
		TypeBill,
		TypeBook,
		TypeBroadcast,
		TypeChapter,
		TypeClassic,
		TypeCollection,
		TypeDataset,
		TypeDocument,
		TypeEntry,
		TypeEntryDictionary,
		TypeEntryEncyclopedia,
		TypeEvent,
		TypeFigure,
		TypeGraphic,
		TypeHearing,
		TypeInterview,
		TypeLegalCase,
		TypeLegislation,
		TypeManuscript,
		TypeMap,
		TypeMotionPicture,
		TypeMusicalScore,
		TypePamphlet,
		TypePaperConference,
		TypePatent,
		TypePerformance,
		TypePeriodical,
		TypePersonalCommunication,
		TypePost,
		TypePostWeblog,
		TypeRegulation,
		TypeReport,
		TypeReview,
		TypeReviewBook,
		TypeSoftware,
		TypeSong,
		TypeSpeech,
		TypeStandard,
		TypeThesis,
		TypeTreaty,
		TypeWebpage,
	}
}

// Valid reports whether t is one of the CSL 1.0.2 item types.
func (t ItemType) Valid() bool {
	switch t {
	case TypeArticle,
		TypeArticleJournal,
		TypeArticleMagazine,
		TypeArticleNewspaper,
		TypeBill,
		TypeBook,
		TypeBroadcast,
		TypeChapter,
		TypeClassic,
		TypeCollection,
		TypeDataset,
		TypeDocument,
		TypeEntry,
		TypeEntryDictionary,
		TypeEntryEncyclopedia,
		TypeEvent,
		TypeFigure,
		TypeGraphic,
		TypeHearing,
		TypeInterview,
		TypeLegalCase,
		TypeLegislation,
		TypeManuscript,
		TypeMap,
		TypeMotionPicture,
		TypeMusicalScore,
		TypePamphlet,
		TypePaperConference,
		TypePatent,
		TypePerformance,
		TypePeriodical,
		TypePersonalCommunication,
		TypePost,
		TypePostWeblog,
		TypeRegulation,
		TypeReport,
		TypeReview,
		TypeReviewBook,
		TypeSoftware,
		TypeSong,
		TypeSpeech,
		TypeStandard,
		TypeThesis,
		TypeTreaty,
		TypeWebpage:
		return true
	}
	return false
}

// A Role is a CSL name variable: the part a person or organization played.
type Role string

// The CSL 1.0.2 name variables.
const (
	RoleAuthor            Role = "author"
	RoleChair             Role = "chair"
	RoleCollectionEditor  Role = "collection-editor"
	RoleCompiler          Role = "compiler"
	RoleComposer          Role = "composer"
	RoleContainerAuthor   Role = "container-author"
	RoleContributor       Role = "contributor"
	RoleCurator           Role = "curator"
	RoleDirector          Role = "director"
	RoleEditor            Role = "editor"
	RoleEditorialDirector Role = "editorial-director"
	RoleEditorTranslator  Role = "editor-translator"
	RoleExecutiveProducer Role = "executive-producer"
	RoleGuest             Role = "guest"
	RoleHost              Role = "host"
	RoleIllustrator       Role = "illustrator"
	RoleInterviewer       Role = "interviewer"
	RoleNarrator          Role = "narrator"
	RoleOrganizer         Role = "organizer"
	RoleOriginalAuthor    Role = "original-author"
	RolePerformer         Role = "performer"
	RoleProducer          Role = "producer"
	RoleRecipient         Role = "recipient"
	RoleReviewedAuthor    Role = "reviewed-author"
	RoleScriptWriter      Role = "script-writer"
	RoleSeriesCreator     Role = "series-creator"
	RoleTranslator        Role = "translator"
)

// AllRoles returns the CSL name variables, author and editor first, then
// the others in alphabetical order.
func AllRoles() []Role {
	return []Role{RoleAuthor, RoleEditor,
		RoleChair,
		RoleCollectionEditor,
		RoleCompiler,
		RoleComposer,
		RoleContainerAuthor,
		RoleContributor,
		RoleCurator,
		RoleDirector,
		RoleEditorialDirector,
		RoleEditorTranslator,
		RoleExecutiveProducer,
		RoleGuest,
		RoleHost,
		RoleIllustrator,
		RoleInterviewer,
		RoleNarrator,
		RoleOrganizer,
		RoleOriginalAuthor,
		RolePerformer,
		RoleProducer,
		RoleRecipient,
		RoleReviewedAuthor,
		RoleScriptWriter,
		RoleSeriesCreator,
		RoleTranslator,
	}
}

// Valid reports whether r is a CSL name variable.
func (r Role) Valid() bool {
	switch r {
	case RoleAuthor,
		RoleChair,
		RoleCollectionEditor,
		RoleCompiler,
		RoleComposer,
		RoleContainerAuthor,
		RoleContributor,
		RoleCurator,
		RoleDirector,
		RoleEditor,
		RoleEditorialDirector,
		RoleEditorTranslator,
		RoleExecutiveProducer,
		RoleGuest,
		RoleHost,
		RoleIllustrator,
		RoleInterviewer,
		RoleNarrator,
		RoleOrganizer,
		RoleOriginalAuthor,
		RolePerformer,
		RoleProducer,
		RoleRecipient,
		RoleReviewedAuthor,
		RoleScriptWriter,
		RoleSeriesCreator,
		RoleTranslator:
		return true
	}
	return false
}
