import { notFound } from '~/lib/api.server'

export async function loader() {
  return notFound('No such API endpoint.')
}

export async function action() {
  return notFound('No such API endpoint.')
}
