// Shared by the browser's form validation and the server's rules (themes.server.ts).
export const THEME_TITLE_MAX = 160
export const THEME_SUMMARY_MAX = 5000
