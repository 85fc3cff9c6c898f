// The texts of the administration screens for labels and canned responses; Polish first, then English. i18n.ts
// merges them into its dictionaries.

export const plAdminWorkflow = {
  'admin.section.labels': 'Etykiety',
  'admin.section.canned': 'Gotowe odpowiedzi',

  'admin.labels.add': 'Dodaj etykietę',
  'admin.labels.new': 'Nowa etykieta',
  'admin.labels.edit': 'Etykieta: {name}',
  'admin.labels.intro': 'Etykietami konsultanci porządkują rozmowy w skrzynce i według nich filtrują listę. Kolor tylko pomaga je odróżnić: etykieta zawsze pokazuje też swoją nazwę.',
  'admin.labels.color': 'Kolor',
  'admin.labels.colorHint': 'Kod koloru w postaci #rrggbb, np. #5b6b7f. Możesz też wybrać kolor z palety obok.',
  'admin.labels.colorPicker': 'Paleta kolorów',
  'admin.labels.description': 'Opis',
  'admin.labels.descriptionHint': 'Kiedy jej używać. Do 300 znaków; można zostawić puste.',
  'admin.labels.nameTaken': 'Etykieta o tej nazwie już istnieje. Wybierz inną nazwę.',

  'admin.canned.add': 'Dodaj odpowiedź',
  'admin.canned.new': 'Nowa gotowa odpowiedź',
  'admin.canned.edit': 'Gotowa odpowiedź: {name}',
  'admin.canned.intro': 'Konsultant wstawia gotową odpowiedź w polu odpowiedzi, wpisując ukośnik i jej skrót, np. /zasilek. Przed wysłaniem może ją jeszcze poprawić.',
  'admin.canned.shortcut': 'Skrót',
  'admin.canned.shortcutHint': 'Małe litery, cyfry, podkreślenia i łączniki, do 40 znaków, np. zasilek-dokumenty. Konsultant wpisuje go po ukośniku.',
  'admin.canned.title': 'Tytuł',
  'admin.canned.body': 'Treść',
  'admin.canned.bodyStart': 'Początek treści',
  'admin.canned.variables': 'Do 4000 znaków. Konsola uzupełni te zmienne, gdy konsultant wstawi odpowiedź:',
  'admin.canned.var.contact.name': 'imię i nazwisko klienta',
  'admin.canned.var.consultant.name': 'imię i nazwisko konsultanta, który wstawia odpowiedź',
  'admin.canned.var.conversation.id': 'identyfikator rozmowy',
  'admin.canned.shortcutTaken': 'Gotowa odpowiedź z tym skrótem już istnieje. Wybierz inny skrót.',
} as const

export type AdminWorkflowMessageKey = keyof typeof plAdminWorkflow

export const enAdminWorkflow: Record<AdminWorkflowMessageKey, string> = {
  'admin.section.labels': 'Labels',
  'admin.section.canned': 'Canned responses',

  'admin.labels.add': 'Add label',
  'admin.labels.new': 'New label',
  'admin.labels.edit': 'Label: {name}',
  'admin.labels.intro': 'Consultants sort conversations in the inbox with labels and filter the list by them. The colour only helps to tell them apart: a label always shows its name too.',
  'admin.labels.color': 'Colour',
  'admin.labels.colorHint': 'A colour code as #rrggbb, e.g. #5b6b7f. You can also pick the colour from the palette beside it.',
  'admin.labels.colorPicker': 'Colour palette',
  'admin.labels.description': 'Description',
  'admin.labels.descriptionHint': 'When to use it. Up to 300 characters; may be left empty.',
  'admin.labels.nameTaken': 'A label with this name already exists. Choose another name.',

  'admin.canned.add': 'Add response',
  'admin.canned.new': 'New canned response',
  'admin.canned.edit': 'Canned response: {name}',
  'admin.canned.intro': 'A consultant inserts a canned response in the reply box by typing a slash and its shortcut, e.g. /zasilek. They can still change it before sending.',
  'admin.canned.shortcut': 'Shortcut',
  'admin.canned.shortcutHint': 'Lower-case letters, digits, underscores and hyphens, up to 40 characters, e.g. benefit-documents. Consultants type it after a slash.',
  'admin.canned.title': 'Title',
  'admin.canned.body': 'Text',
  'admin.canned.bodyStart': 'Start of the text',
  'admin.canned.variables': 'Up to 4000 characters. The console fills in these variables when a consultant inserts the response:',
  'admin.canned.var.contact.name': "the contact's name",
  'admin.canned.var.consultant.name': 'the name of the consultant inserting the response',
  'admin.canned.var.conversation.id': "the conversation's ID",
  'admin.canned.shortcutTaken': 'A canned response with this shortcut already exists. Choose another shortcut.',
}
