// Addresses of the policy team's pages, used by server and browser alike.
export const managePath = (slug: string) => `/kelola/kebijakan/${slug}`
export const editorPath = (slug: string, number: number) => `/kelola/kebijakan/${slug}/versi/${number}/sunting`
export const previewPath = (slug: string, number: number) => `/kelola/kebijakan/${slug}/versi/${number}/pratinjau`
